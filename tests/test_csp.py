"""The Content-Security-Policy: only the theme's own inline scripts are hashed, deterministically."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import logging

import pytest

from aiprinciples.site.csp import TRUSTED_SCRIPTS, apply_policy, policy, script_hash
from tests.conftest import ROOT

SCOPE = TRUSTED_SCRIPTS[0].replace("{path}", "../..")
LANG = TRUSTED_SCRIPTS[2].replace("{lang}", "ko")


def page(body: str) -> str:
    return f'<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n<script>{SCOPE}</script>\n<script id="__config" type="application/json">{{"base": ".."}}</script>\n<script>{LANG}</script>\n</head>\n<body>\n{body}\n</body>\n</html>\n'


def test_theme_scripts_are_hashed_and_the_policy_follows_meta_charset():
    html, untrusted = apply_policy(page("<p>x</p>"))
    assert untrusted == []
    expected = policy([script_hash(SCOPE), script_hash(LANG)])
    assert f'<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="{expected}">\n<meta name="referrer" content="no-referrer">\n<script>' in html
    assert "'unsafe-inline'" not in expected and "'unsafe-eval'" not in expected


@pytest.mark.parametrize("script", ["alert(document.domain)", SCOPE.replace("../..", '"+alert(1)+"'), LANG.replace("ko", 'ko/");alert(1);("'), SCOPE + ";alert(1)"])
def test_an_inline_script_the_theme_does_not_emit_is_left_out_and_reported(script):
    html, untrusted = apply_policy(page(f"<script>{script}</script>"))
    assert [(s.line, s.text) for s in untrusted] == [(10, script)]
    assert script_hash(script) not in html


def test_hash_is_the_browsers_sha256_of_the_exact_text():
    assert script_hash("a\r\nb") == script_hash("a\nb") == "'sha256-" + base64.b64encode(hashlib.sha256(b"a\nb").digest()).decode() + "'"


def test_policy_is_the_same_whatever_the_order_of_scripts():
    assert policy(["'sha256-b'", "'sha256-a'", "'sha256-b'"]) == policy(["'sha256-a'", "'sha256-b'"])


def test_a_page_without_meta_charset_is_refused():
    with pytest.raises(ValueError, match="meta charset"):
        apply_policy("<html><head><title>x</title></head></html>")


def test_the_hook_warns_so_a_strict_build_fails(caplog):
    spec = importlib.util.spec_from_file_location("csp_hook", ROOT / "hooks" / "csp.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.csp"):
        html = hook._secure(page("<script>alert(1)</script>"), "es/about/index.html")
    assert 'http-equiv="Content-Security-Policy"' in html
    assert [r.getMessage().split(";")[0] for r in caplog.records] == ["es/about/index.html:10: inline script the theme does not emit"]
