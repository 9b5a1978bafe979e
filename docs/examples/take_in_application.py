"""Take in applications received by another system (a 12345 work order, a provincial 依申请公开 platform).

Reads the other system's records (a JSON list), maps each to POST /api/v1/applications with the token of that
system (GONGKAI_API_TOKEN, permission case.register in the receiving agency), and prints the tracking code and
the legal receipt date — or the field errors the platform gave back.

    GONGKAI_API_TOKEN=gk_… python take_in_application.py --api http://127.0.0.1:8160 --channel hotline_12345 orders.json
"""

import argparse
import json
import os
import urllib.error
import urllib.request


def to_application(order: dict, channel: str) -> dict:
    """The other system's field names → the platform's (adapt this to the system at hand)."""
    return {
        "agency": order["receiving_agency"], "channel": channel,
        "arrived_on": order["created"][:10], "confirmed_on": order.get("confirmed_with_applicant"),
        "applicant_type": "natural_person", "applicant_name": order["caller_name"],
        "id_type": order.get("id_type", "resident_id"), "id_number": order["id_number"],
        "phone": order.get("caller_phone", ""), "email": order.get("caller_email", ""),
        "description": order["content"], "provision_form": "electronic",
        "delivery": "email" if order.get("caller_email") else "post", "address": order.get("caller_address", ""),
    }


def post(api: str, token: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(f"{api}/api/v1/applications", method="POST",
                                     data=json.dumps(body, ensure_ascii=False).encode(),
                                     headers={"Content-Type": "application/json", "Accept-Language": "zh-hans",
                                              "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("orders", help="JSON file: a list of the other system's records")
    parser.add_argument("--api", default="http://127.0.0.1:8000")
    parser.add_argument("--channel", default="hotline_12345", choices=["hotline_12345", "platform"])
    args = parser.parse_args()
    token = os.environ["GONGKAI_API_TOKEN"]
    with open(args.orders, encoding="utf-8") as source:
        orders = json.load(source)
    for order in orders:
        status, answer = post(args.api.rstrip("/"), token, to_application(order, args.channel))
        if status == 201:
            print(order["order_id"], answer["tracking_code"], "收到申请之日", answer["received_on"] or "待确认",
                  "答复期限", answer["due_on"] or "-", sep="\t")
        else:
            problems = "；".join(f"{f['path']}: {f['message']}" for f in answer.get("fields", [])) or answer["message"]
            print(order["order_id"], status, answer["code"], problems, sep="\t")


if __name__ == "__main__":
    main()
