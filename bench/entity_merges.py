"""Every entity the dossier merges across stories, on text nobody here wrote: for an editor to judge.

Run from the repository root:  python -m bench.entity_merges [corpus ...]

Each of ``../shared/corpora/{tass-dev,bbc,polnear-dev}`` (or the folders given) is read
and analysed as one dossier with the project's configuration; then
``generator.dossier.entity_merge`` runs as in a build, and one line is printed per merge:
the spelling joined, the entity it joins, the kind of merge (everywhere, in one story, a
relative, a [sic] name) and the stories it appears in. The target is no false merge; every
line is a claim that two spellings name one person or organisation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.analysis.entities.gazetteer_match import compile_gazetteer
from generator.config import load_config
from generator.dossier.entity_groups import entity_refs
from generator.dossier.entity_merge import _dossier_errors, acronym_remap, entity_remap, family_remap, sic_remap
from generator.pipeline import analyse_files, discover

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
DEFAULT = ("tass-dev", "bbc", "polnear-dev")


def report(folder: Path) -> list[str]:
    """One line per merge in the dossier of one folder."""
    config = load_config(ROOT, folder)
    files, _ = discover(folder)
    files = [f for f in files if "attributions" not in f.parts]
    analyses, _ = analyse_files(files, folder, config)
    analyses.sort(key=lambda a: a.article.source)
    lex = compile_gazetteer(config.gazetteer).lex
    refs = entity_refs(analyses, config.gazetteer.entries)
    remap = entity_remap(analyses, config.gazetteer.entries, lex)
    lines = [f"{folder.name}: {len(analyses)} stories, {len(refs)} entities"]
    for eid, target in sorted(remap.everywhere.items()):
        stories = sorted({a.article.source for a in analyses if any(m.entity == eid for m in a.mentions)})
        lines.append(f"  everywhere  {refs[eid].name!r} -> {refs[target].name!r}  ({refs[eid].kind}; {', '.join(stories[:4])})")
    for story, local in sorted(remap.in_story.items()):
        for eid, target in sorted(local.items()):
            lines.append(f"  in story    {refs[eid].name!r} -> {refs[target].name!r}  ({analyses[story].article.source})")
    people = {eid: ref for eid, ref in refs.items() if ref.kind == "person" and eid not in remap.everywhere}
    for story, local in sorted(family_remap(analyses, people, lex).items()):
        for eid, target in sorted(local.items()):
            lines.append(f"  relative    {refs[eid].name!r} -> {refs[target].name!r}  ({analyses[story].article.source})")
    for eid, target in sorted(sic_remap(analyses, _dossier_errors(analyses, config)).items()):
        lines.append(f"  [sic] name  {refs[eid].name!r} -> {refs[target].name!r}")
    for eid, target in sorted(acronym_remap(analyses, refs, remap.everywhere).items()):
        lines.append(f"  acronym     {refs[eid].name!r} -> {refs[target].name!r}  ({refs[eid].kind})")
    return lines


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [CORPORA / name for name in DEFAULT]
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        print(f"not found: {', '.join(map(str, missing))} (../shared/corpora sits beside CI's checkout only)")
        return 1
    for folder in folders:
        print("\n".join(report(folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
