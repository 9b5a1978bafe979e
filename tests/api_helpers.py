"""Shared set-up for the API tests: tokens issued through the service, and the JSON client calls."""

import json

from gongkai.agencies.api_tokens import issue_token
from gongkai.core.actors import System

API = "/api/v1"


def token_for(agency, *permissions, name="测试系统", **kwargs) -> str:
    return issue_token(actor=System, agency=agency, name=name, permissions=permissions, **kwargs)[1]


def call(client, method: str, path: str, token: str | None = None, body=None, **headers):
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    kwargs = {"content_type": "application/json", "data": json.dumps(body)} if body is not None else {}
    return getattr(client, method)(API + path, **kwargs, **headers)
