"""One settings object: defaults, TOML files, one-line errors, and the CLI's --config."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from newsledger import settings as settings_module
from newsledger.cli import main
from newsledger.settings import Settings, SettingsError, from_toml, load, section_names, to_toml


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_every_section_is_a_frozen_dataclass_with_documented_defaults() -> None:
    defaults = Settings()
    for name in section_names():
        section = defaults.section(name)
        with pytest.raises(AttributeError):
            setattr(section, "x", 1)
        assert type(section).__doc__, f"[{name}] needs a docstring"


def test_defaults_print_as_toml_that_reads_back() -> None:
    assert from_toml(to_toml(Settings())) == Settings()


def _values_of(section: type) -> st.SearchStrategy:
    hints = {f.name: f.type for f in fields(section)}
    strategies = {
        name: {"int": st.integers(-10**6, 10**6), "float": st.floats(-1e6, 1e6, allow_nan=False),
               "bool": st.booleans(),
               "str": st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)}[hint]
        for name, hint in hints.items()
    }
    return st.fixed_dictionaries({}, optional=strategies)


@given(st.sampled_from(section_names()).flatmap(
    lambda name: st.tuples(st.just(name), _values_of(type(Settings().section(name))))))
def test_any_settings_round_trip_through_toml(chosen: tuple[str, dict]) -> None:
    name, values = chosen
    changed = Settings().replace(name, **values)
    assert from_toml(to_toml(changed)) == changed


@pytest.mark.parametrize("text,message", [
    ("[quotes]\nmin_fragment = 2\n", "[quotes] has no setting 'min_fragment'; known: min_fragment_words"),
    ("[quote]\nmin_fragment_words = 2\n", "no settings section [quote]; known: pipeline"),
    ("[link]\nstep = 'many'\n", "link.step must be int, not 'many'"),
    ("[link]\nstep = true\n", "link.step must be int, not True"),
    ("link = 3\n", "[link] must be a table of settings"),
    ("[link\n", "not valid TOML"),
])
def test_a_bad_setting_is_one_line_naming_section_and_key(text: str, message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        from_toml(text, "my.toml")
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert str(caught.value).startswith("my.toml")


def test_an_int_is_a_fine_float() -> None:
    assert from_toml("[link]\nstory_threshold = 1\n").link.story_threshold == 1.0


def test_load_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot read settings"):
        load(tmp_path / "absent.toml")


def test_cli_config_prints_the_settings_in_force(tmp_path: Path) -> None:
    config = tmp_path / "newsledger.toml"
    config.write_text("[quotes]\nmin_fragment_words = 2\n[link]\nstep = 50\n", encoding="utf-8")
    result = run("--config", str(config), "config")
    assert result.exit_code == 0, result.output
    shown = from_toml(result.output)
    assert shown.quotes.min_fragment_words == 2 and shown.link.step == 50
    assert shown.replace("quotes", min_fragment_words=3).replace("link", step=500) == Settings()


def test_cli_config_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "env.toml"
    config.write_text("[times]\ntense_horizon_days = 100\n", encoding="utf-8")
    monkeypatch.setenv("NEWSLEDGER_CONFIG", str(config))
    assert from_toml(run("config").output).times.tense_horizon_days == 100


def test_cli_bad_config_is_a_usage_error_on_one_line(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[quotes]\nwindow = 9\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(config), "summary"])
    assert result.exit_code == 2
    assert "[quotes] has no setting 'window'" in result.output
    assert "Traceback" not in result.output


def test_settings_module_holds_no_mutable_state() -> None:
    assert not [name for name, value in vars(settings_module).items()
                if not name.startswith("_") and isinstance(value, (list, dict, set))]
