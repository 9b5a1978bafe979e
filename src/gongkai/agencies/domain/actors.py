"""Who acts when no staff member does: an integration through an API token.

A ``TokenActor`` is not a user. It is not ``is_authenticated`` on purpose: services that store "created by" or
"registered by" a user leave those empty for it (they do the same for the system), while the event that every
write leaves names the token (``event_label`` and ``event_payload``, read by ``core.events.record_event``).
Its permissions are actions of ``roles.PERMISSIONS`` and reach the agency it was issued for and the agencies
below it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class TokenActor:
    token_id: int
    prefix: str
    name: str
    agency_id: int
    agency_path: str
    permissions: frozenset[str]

    is_authenticated = False
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_staff = False

    def may(self, action: str, target_path: str) -> bool:
        return action in self.permissions and target_path.startswith(self.agency_path)

    @property
    def event_label(self) -> str:
        return f"接口令牌 {self.prefix}（{self.name}）"

    @property
    def event_payload(self) -> dict:
        return {"api_token": self.prefix, "api_token_id": self.token_id}

    def get_username(self) -> str:
        return self.event_label

    def __str__(self) -> str:
        return self.event_label
