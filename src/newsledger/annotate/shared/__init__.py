"""What several annotation layers share: clause helpers, the gazetteer, name lookups
over the entities layer's records, the event typology, and the per-Doc analysis the
pipeline computes once after parsing. No layer package imports another: what two
layers need lives here."""
