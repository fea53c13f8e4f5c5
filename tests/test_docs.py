"""The README's command list stays true to the program (every sub-command is documented)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ccn_desktop.cli import build_parser

README = Path(__file__).resolve().parent.parent / "README.md"


def sub_commands() -> list[str]:
    parser = build_parser()
    (choices,) = (a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(choices)


def test_every_sub_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [name for name in sub_commands() if f"ccn-desktop [--data-dir DIR] {name}" not in text
               and f"ccn-desktop {name}" not in text]  # fmt: skip
    assert missing == []


def test_the_readme_starts_with_the_two_set_up_commands() -> None:
    first_block = README.read_text(encoding="utf-8").split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def test_every_global_option_is_in_the_readme_command_list() -> None:
    """`--data-dir`, `--language` (any new global option): each appears in the README's
    command block."""
    text = README.read_text(encoding="utf-8")
    block = text.split("## Command line", 1)[1].split("```")[1]
    options = [
        option
        for action in build_parser()._actions
        for option in action.option_strings
        if option.startswith("--") and option not in ("--help", "--version", "--portable")
    ]
    assert options and all(option in block for option in options), options


OFFICE_GUIDES = ("window.md", "forms.md", "exchange.md", "factsheets.md", "spreadsheets.md",
                 "backups.md")  # fmt: skip
TRANSLATED = ("fr", "es")


def test_each_language_has_its_guide_linked_from_the_first_screen() -> None:
    first_screen = README.read_text(encoding="utf-8").split("```")[0]
    for language in TRANSLATED:
        assert f"(docs/{language}/README.md)" in first_screen
        guide = README.parent / "docs" / language
        assert {"README.md", *OFFICE_GUIDES} <= {p.name for p in guide.iterdir()}


def test_each_translated_guide_is_linked_from_its_language_index() -> None:
    for language in TRANSLATED:
        index = (README.parent / "docs" / language / "README.md").read_text(encoding="utf-8")
        missing = [name for name in OFFICE_GUIDES if f"]({name})" not in index]
        assert missing == [], (language, missing)


def test_every_relative_link_of_the_translated_guides_resolves() -> None:
    """A link or image in docs/fr and docs/es (`[text](target)`, `![alt](target)`) that is not
    a web address names a file or folder that exists, relative to the guide."""
    import re

    broken = []
    for language in TRANSLATED:
        for page in sorted((README.parent / "docs" / language).glob("*.md")):
            text = page.read_text(encoding="utf-8")
            for target in re.findall(r"\]\(([^)\s]+)\)", text):
                path = target.split("#", 1)[0]
                if re.match(r"[a-z][a-z0-9+.-]*:", target) or not path:
                    continue  # https:, mailto:, or an anchor in the same page
                if not (page.parent / path).exists():
                    broken.append(f"{page.relative_to(README.parent)}: {target}")
    assert broken == []


def test_menu_paths_in_the_translated_guides_are_the_program_s_own_text() -> None:
    """Each step of a bold menu path (`**Fichier ▸ Exporter le tableau…**`) in docs/fr and
    docs/es is a translation from that language's catalogue (without its `&`): a guide
    never names a menu or command the program does not show."""
    import re

    from babel.messages.pofile import read_po

    wrong = []
    for language in TRANSLATED:
        po = README.parent / "resources" / "locale" / language / "LC_MESSAGES" / "ccn_desktop.po"
        with po.open("rb") as file:
            catalog = read_po(file, locale=language)
        shown = {"A4"}  # the paper size, the same word in every language
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            shown.update(text.replace("&", "") for text in strings if text)
        for page in sorted((README.parent / "docs" / language).glob("*.md")):
            bold = re.findall(r"\*\*([^*]+?)\*\*", page.read_text(encoding="utf-8"))
            for path in (" ".join(text.split()) for text in bold if "▸" in text):
                names = [name for step in path.split(" ▸ ") for name in step.split(" / ")]
                wrong += [f"{language}/{page.name}: {name}" for name in names if name not in shown]
    assert wrong == []


def test_the_readmes_search_examples_work_on_the_starter(
    starter_template: Path, tmp_path: Path
) -> None:
    """Each "`typed` finds Name" of the README finds that city in the starter catalogue."""
    import re
    import shutil

    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.catalogue.queries import RecordQuery
    from ccn_desktop.paths import DataPaths

    text = " ".join(README.read_text(encoding="utf-8").split())
    examples = re.findall(r"`([^`]+)` finds ([^,.;)]+?)(?=[,.;)]| in | and )", text)
    assert len(examples) >= 4, examples
    shutil.copytree(starter_template, tmp_path / "starter")
    with Catalogue.open(DataPaths.in_folder(tmp_path / "starter")) as catalogue:
        for typed, name in examples:
            found = [
                catalogue.label("city", catalogue.uuid_of("city", record_id))
                for record_id in catalogue.ids("city", RecordQuery(text=typed))
            ]
            assert name.strip() in found, (typed, name, found)
