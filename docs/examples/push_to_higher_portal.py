"""Push every new publication of a district to a higher-level portal (报送上级门户).

Polls GET /api/v1/changes?agency=<district> with the cursor it saved last time, hands each change to the
higher-level portal (POST of the change as JSON to --to; printed when --to is not given) and saves the new
cursor only after the whole page was delivered: a crash repeats a page, never skips one.

    python push_to_higher_portal.py --api http://127.0.0.1:8160 --agency xq --to http://portal.example/receive \\
        --cursor-file var/xq.cursor [--once] [--every 60]

The changes feed is public; a token (GONGKAI_API_TOKEN) only gives the caller its own rate limit.
"""

import argparse
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request


def get_json(url: str, token: str | None) -> dict:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        if error.code == 429:   # rate limited: wait as long as the server says
            time.sleep(int(error.headers.get("Retry-After", "60")))
            return get_json(url, token)
        raise


def deliver(change: dict, to: str | None) -> None:
    if not to:
        item = change["item"]
        print(change["change"], item["index_number"], item["published_on"], item["title"], item["url"], sep="\t")
        return
    body = json.dumps(change, ensure_ascii=False).encode()
    request = urllib.request.Request(to, data=body, headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30):
        pass


def one_pass(api: str, agency: str, to: str | None, cursor_file: str, token: str | None) -> int:
    cursor = open(cursor_file).read().strip() if os.path.exists(cursor_file) else ""
    delivered = 0
    while True:
        query = urllib.parse.urlencode({"agency": agency, "limit": 100, **({"cursor": cursor} if cursor else {})})
        page = get_json(f"{api}/api/v1/changes?{query}", token)
        for change in page["changes"]:
            deliver(change, to)
            delivered += 1
        if not page["changes"]:
            return delivered
        cursor = page["next_cursor"]
        with open(cursor_file, "w") as out:   # saved after the page was delivered
            out.write(cursor)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", default="http://127.0.0.1:8000")
    parser.add_argument("--agency", required=True, help="the district's agency code (its departments included)")
    parser.add_argument("--to", help="the higher-level portal's receiving URL (printed when not given)")
    parser.add_argument("--cursor-file", default="changes.cursor")
    parser.add_argument("--once", action="store_true", help="one pass, then stop")
    parser.add_argument("--every", type=int, default=60, help="seconds between passes")
    args = parser.parse_args()
    token = os.environ.get("GONGKAI_API_TOKEN")
    while True:
        count = one_pass(args.api.rstrip("/"), args.agency, args.to, args.cursor_file, token)
        print(f"delivered {count} change(s)", flush=True)
        if args.once:
            return
        time.sleep(args.every)


if __name__ == "__main__":
    main()
