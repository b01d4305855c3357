"""Outbound notifications by e-mail and LINE, recorded one row per message (core.Notification).

`notify()` records the message under an idempotency key and sends it at once; sending again
with the same key does nothing if it went out, and retries if it failed. E-mail goes through
Django's mail backend (SMTP in production); LINE through the official `line-bot-sdk` push
message API, with the notification's UUID as LINE's retry key so a retry never doubles.
"""

import uuid

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Channel, Notification, Organisation

LINE_MAX_CHARS = 5000  # a LINE text message holds at most 5,000 characters


def _send_line(note: Notification) -> None:
    from linebot.v3.messaging import ApiClient, Configuration, MessagingApi, PushMessageRequest, TextMessage

    if not settings.LINE_CHANNEL_ACCESS_TOKEN:
        raise RuntimeError("LINE is not configured (LINE_CHANNEL_ACCESS_TOKEN is empty)")
    config = Configuration(host=settings.LINE_API_HOST, access_token=settings.LINE_CHANNEL_ACCESS_TOKEN)
    text = f"{note.subject}\n\n{note.body}"[:LINE_MAX_CHARS]
    with ApiClient(config) as client:
        MessagingApi(client).push_message(
            PushMessageRequest(to=note.recipient, messages=[TextMessage(text=text)]),
            x_line_retry_key=str(uuid.uuid5(uuid.NAMESPACE_URL, f"safetyzone:{note.key}")),
        )


def _send(note: Notification) -> None:
    note.attempts += 1
    try:
        if note.channel == Channel.EMAIL:
            send_mail(note.subject, note.body, None, [note.recipient])
        else:
            _send_line(note)
    except Exception as exc:  # noqa: BLE001 - any transport failure is recorded, not raised
        note.error = f"{type(exc).__name__}: {exc}"[:2000]
    else:
        note.sent_at, note.error = timezone.now(), ""
    note.save(update_fields=["attempts", "sent_at", "error"])


def notify(organisation: Organisation, key: str, subject: str, body: str) -> list[Notification]:
    """Send `subject`/`body` to the organisation's e-mail and LINE, once per key and channel.

    Returns the notifications attempted by this call (sent, or failed with the error kept);
    ones already sent under the same key are left alone."""
    targets = [(Channel.EMAIL, organisation.contact_email), (Channel.LINE, organisation.line_to)]
    sent = []
    for channel, recipient in targets:
        if not recipient:
            continue
        with transaction.atomic():  # two clicks at once: the second waits, then finds it sent
            note, _created = Notification.objects.get_or_create(
                key=f"{key}:{channel}",
                defaults={"channel": channel, "recipient": recipient, "organisation": organisation,
                          "subject": subject[:200], "body": body})
            note = Notification.objects.select_for_update().get(pk=note.pk)
            if note.sent_at is None:
                _send(note)
                sent.append(note)
    return sent
