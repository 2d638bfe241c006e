"""Deploy: the GitHub Pages workflow's shape, and a real `mkdocs gh-deploy` to a local bare repository.

actionlint cannot be installed here (it downloads a binary), so the workflow is checked as data:
the triggers, permissions and official Pages actions it must use, and that every `make` target
it runs exists in the Makefile.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, make_project

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def _workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{WORKFLOW}: expected a mapping, found {type(data).__name__}"
    return data


def _steps(workflow: dict[Any, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(name, step) for name, job in workflow["jobs"].items() for step in job.get("steps", [])]


def _uses(step: dict[str, Any]) -> tuple[str, str]:
    action, _, ref = str(step.get("uses", "")).partition("@")
    return action, ref


def test_workflow_runs_on_push_to_main_with_pages_permissions() -> None:
    workflow = _workflow()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "main" in triggers["push"]["branches"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"]
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_workflow_builds_tests_and_deploys_with_the_official_actions() -> None:
    workflow = _workflow()
    steps = _steps(workflow)
    used = {_uses(step)[0]: (job, step) for job, step in steps if "uses" in step}
    for action in ("actions/checkout", "actions/setup-python", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in used, action
    for job, step in steps:
        if "uses" in step:
            assert re.fullmatch(r"v\d+(\.\d+)*|[0-9a-f]{40}", _uses(step)[1]), f"{job}: {step['uses']}: expected a pinned version"
    assert str(used["actions/setup-python"][1]["with"]["python-version"]) == "3.11"
    assert used["actions/upload-pages-artifact"][1]["with"]["path"] == "site"
    build_job = used["actions/upload-pages-artifact"][0]
    deploy_job = used["actions/deploy-pages"][0]
    needs = workflow["jobs"][deploy_job]["needs"]
    assert build_job in ([needs] if isinstance(needs, str) else needs), "deploy does not wait for the build"
    assert workflow["jobs"][deploy_job]["environment"]["name"] == "github-pages"
    runs = [str(step["run"]) for job, step in steps if job == build_job and "run" in step]
    assert any(re.search(r"\bmake site\b", run) for run in runs), "the README's site command is not run"
    assert any(re.search(r"\bmake test\b", run) for run in runs), "the tests do not gate the deploy"


def test_workflow_make_targets_exist() -> None:
    targets = set(re.findall(r"^([A-Za-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    for _, step in _steps(_workflow()):
        for target in re.findall(r"\bmake\s+([\w-]+)", str(step.get("run", ""))):
            assert target in targets, f"make {target}: no such target in the Makefile"


def _git_env() -> dict[str, str]:
    """git isolated from the machine's configuration (no global hooks, signing or identity)."""
    return dict(
        os.environ,
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Dossier Test",
        GIT_AUTHOR_EMAIL="dossier@example.org",
        GIT_COMMITTER_NAME="Dossier Test",
        GIT_COMMITTER_EMAIL="dossier@example.org",
        NO_MKDOCS_2_WARNING="1",
    )


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", *args], cwd=cwd, env=_git_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"git {' '.join(args)}:\n{result.stderr}"
    return result


def test_gh_deploy_pushes_the_site_to_a_bare_remote(tmp_path: Path) -> None:
    if subprocess.run(["git", "--version"], capture_output=True).returncode != 0:
        pytest.skip("git is not installed")
    bare = tmp_path / "remote.git"
    _git(tmp_path, "init", "--bare", "-q", str(bare))
    project = make_project(tmp_path)
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "dossier")
    _git(project, "remote", "add", "pages-test", str(bare))

    cmd = [sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--remote-name", "pages-test", "-q"]
    deploy = subprocess.run(cmd, cwd=project, env=_git_env(), capture_output=True, text=True, timeout=180)
    assert deploy.returncode == 0, deploy.stderr

    tree = set(_git(tmp_path, f"--git-dir={bare}", "ls-tree", "-r", "--name-only", "gh-pages").stdout.split())
    assert {"index.html", ".nojekyll", "timeline.html", "feed.xml"} <= tree
    built_articles = {p.relative_to(project / "site").as_posix() for p in (project / "site").glob("articles/**/*.html")}
    assert built_articles and built_articles <= tree
    assert not any(name.startswith(("content/", "docs/", "site_config/")) for name in tree), "sources leaked into gh-pages"


def test_the_address_the_workflow_exports_is_read_by_the_site() -> None:
    """The workflow sets SITE_URL for the build step; mkdocs.yml must take site_url from it."""
    build = [step for _, step in _steps(_workflow()) if re.search(r"\bmake site\b", str(step.get("run", "")))]
    assert build and "SITE_URL" in build[0].get("env", {}), "the build step does not export SITE_URL"

    class _Env(yaml.SafeLoader):
        pass

    def env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> tuple[str, list[Any]]:
        if isinstance(node, yaml.SequenceNode):
            return ("ENV", loader.construct_sequence(node))
        return ("ENV", [loader.construct_scalar(node)])  # type: ignore[arg-type]

    _Env.add_constructor("!ENV", env_tag)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Env)  # noqa: S506 (a SafeLoader subclass)
    assert config["site_url"][0] == "ENV" and config["site_url"][1][0] == "SITE_URL"


def test_without_site_url_the_build_is_as_before(tmp_path: Path) -> None:
    """SITE_URL unset: no canonical links, relative feed links, and the site still builds."""
    project = make_project(tmp_path)
    env = {k: v for k, v in _git_env().items() if k != "SITE_URL"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q"]
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in home
    assert 'type="application/atom+xml"' in home
    assert 'href="index.html"' in (project / "site" / "feed.xml").read_text(encoding="utf-8")
