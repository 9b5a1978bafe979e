"""The optional second factor at login: a TOTP authenticator app (django-otp).

Any staff member may enrol; superusers must when ``GONGKAI_OTP_REQUIRED_FOR_SUPERUSERS`` is on. A session
whose user has a confirmed device (or must have one) is let into no page but the verification or enrolment
step until a code is given. django-otp slows repeated wrong codes on a device (its throttling doubles the
wait after each failure); each wrong code is a failed-login event.
"""

import io

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.core.actors import Public
from gongkai.core.errors import NotAllowed, ValidationFailed
from gongkai.core.events import record_event

DEVICE_NAME = "authenticator"


def second_factor_required(user) -> bool:
    return bool(user.is_superuser and settings.GONGKAI_OTP_REQUIRED_FOR_SUPERUSERS)


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def needs_second_factor(user) -> bool:
    """Whether this signed-in user must give a code before using the site."""
    if not getattr(user, "is_authenticated", False):
        return False
    return second_factor_required(user) or confirmed_device(user) is not None


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device shown during enrolment (made on first call, the same on reloads)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG (no script, no external image)."""
    import qrcode  # only the enrolment page draws one; every process that loads the app would pay for it
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    text = out.getvalue().decode()
    return text[text.index("<svg"):]


def secret_text(device: TOTPDevice) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def _clean(token: str) -> str:
    return "".join(ch for ch in (token or "") if not ch.isspace())


@transaction.atomic
def confirm_enrolment(*, actor, token: str, address: str) -> TOTPDevice:
    device = TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=False).first()
    if device is None:
        raise ValidationFailed(_("请重新开始绑定"), code="agencies.no_pending_device")
    if not device.verify_token(_clean(token)):
        raise ValidationFailed(_("验证码不正确，请核对手机上的验证器后重试"), code="agencies.wrong_token")
    TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record_event(actor=actor, obj=actor, action="account.otp_enrolled",
                 payload={"username": actor.get_username(), "address": address})
    return device


def verify_login_code(*, user, token: str, address: str) -> TOTPDevice | None:
    """The device that accepts ``token``, or None (and a failed-login event)."""
    device = confirmed_device(user)
    if device is not None:
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            accepted = device.verify_token(_clean(token))
        if accepted:
            record_event(actor=user, obj=user, action="account.otp_verified",
                         payload={"username": user.get_username(), "address": address})
            return device
    record_event(actor=Public, actor_label=address, obj=user, action="account.login_failed",
                 payload={"username": user.get_username(), "address": address, "reason": "wrong_otp"})
    return None


@transaction.atomic
def remove_second_factor(*, actor, password: str, address: str) -> int:
    if second_factor_required(actor):
        raise NotAllowed(_("超级用户必须使用两步验证"))
    if not actor.check_password(password):
        raise ValidationFailed(_("密码不正确"), code="agencies.wrong_password")
    deleted = TOTPDevice.objects.filter(user=actor).delete()[0]
    if deleted:
        record_event(actor=actor, obj=actor, action="account.otp_removed",
                     payload={"username": actor.get_username(), "address": address})
    return deleted
