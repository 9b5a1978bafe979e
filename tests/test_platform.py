import os
import subprocess
import sys

import pytest


@pytest.mark.django_db
def test_home_page_says_what_the_platform_is(client):
    r = client.get("/")
    assert r.status_code == 200
    assert "政府信息公开条例" in r.content.decode()


@pytest.mark.django_db
def test_home_page_in_english(client):
    r = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 200
    assert r["Content-Language"] == "en"


@pytest.mark.django_db
def test_friendly_404_in_chinese(client):
    r = client.get("/no-such-page/")
    assert r.status_code == 404
    assert "页面不存在" in r.content.decode()


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "GONGKAI_SECRET_KEY": "x" * 30 + "-production-key-with-enough-entropy-1234567890",
        "GONGKAI_DEBUG": "0",
        "GONGKAI_ALLOWED_HOSTS": "gongkai.example.gov.cn",
        "GONGKAI_VAR_DIR": str(tmp_path),
        "GONGKAI_DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }
    for name in ("GONGKAI_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # test-only switches are not production
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.config.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_database_url_parsing(tmp_path):
    from gongkai.config.database_url import DatabaseUrlError, parse_database_url

    pg = parse_database_url("postgresql://u:p%40ss@db.local:5433/gk?sslmode=require", base_dir=tmp_path)
    assert (pg["NAME"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"]) == ("gk", "u", "p@ss", "db.local", "5433")
    assert pg["OPTIONS"] == {"sslmode": "require"}
    lite = parse_database_url("sqlite:///var/x.sqlite3", base_dir=tmp_path)
    assert lite["NAME"] == str(tmp_path / "var/x.sqlite3")
    assert parse_database_url("sqlite:////abs/x.db", base_dir=tmp_path)["NAME"] == "/abs/x.db"
    with pytest.raises(DatabaseUrlError):
        parse_database_url("mysql://x/y", base_dir=tmp_path)
