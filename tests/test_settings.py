"""Every setting is documented in the README table, with its help text."""

from pathlib import Path

from index.settings import SETTINGS, Settings

README = Path(__file__).parents[1] / "README.md"


def test_every_setting_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    for spec in SETTINGS:
        row = next((line for line in text.splitlines()
                    if line.startswith(f"| `{spec.env}`")), None)
        assert row is not None, f"{spec.env} is not documented in README.md"
        assert spec.help in row, f"README's help for {spec.env} differs from index/settings.py"


def test_environment_and_overrides(monkeypatch) -> None:
    monkeypatch.setenv("GOV_ASSISTANT_PORT", "8123")
    monkeypatch.delenv("GOV_ASSISTANT_MODEL_DIR", raising=False)
    settings = Settings.load(store="/tmp/x")
    assert settings.port == 8123
    assert settings.store == "/tmp/x"
    assert settings.model_path == Path("/tmp/x/models")
