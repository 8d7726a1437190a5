"""Production secrets: generate a `.env`, and refuse to start with placeholders.

    python -m selfeval.deploycheck --generate > .env     # .env.example with every secret filled in
    python -m selfeval.deploycheck                       # in airflow-init: exit 1 on a placeholder or bad key

The production stack reads its secrets from `.env`.  Copying `.env.example` unchanged would run with
`change-me` passwords and an invalid Fernet key; the compose file's `${VAR:?}` guards catch a missing
value, and this check (the first step of `airflow-init`) catches a placeholder, a short secret and a key
Fernet cannot use, naming each variable.  Standard library only (runs before anything else is set up).
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
import sys
from pathlib import Path

SECRETS = ("POSTGRES_PASSWORD", "SELFEVAL_DB_PASSWORD", "MARQUEZ_DB_PASSWORD", "AIRFLOW_JWT_SECRET",
           "AIRFLOW_FERNET_KEY", "MINIO_ROOT_PASSWORD")
PLACEHOLDERS = ("change-me", "changeme", "example", "password", "secret")
MIN_LENGTH = 16
# Airflow signs its JWTs (the workers' execution API tokens, the UI's) with HS512: a key shorter than the
# hash (64 bytes, RFC 7518 3.2) draws an InsecureKeyLengthWarning on every token issued and checked
MIN_LENGTH_OF = {"AIRFLOW_JWT_SECRET": 64}


def fernet_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def problems(env: dict[str, str]) -> list[str]:
    """What is wrong with the secrets in `env` (empty: safe to start)."""
    out = []
    for name in SECRETS:
        value = env.get(name, "")
        if not value:
            out.append(f"{name} is not set")
        elif any(p in value.lower() for p in PLACEHOLDERS):
            out.append(f"{name} is still a placeholder ({value[:12]}…): run python -m selfeval.deploycheck --generate")
        elif name != "AIRFLOW_FERNET_KEY" and len(value) < MIN_LENGTH_OF.get(name, MIN_LENGTH):
            out.append(f"{name} is shorter than {MIN_LENGTH_OF.get(name, MIN_LENGTH)} characters")
    key = env.get("AIRFLOW_FERNET_KEY", "")
    if key and not any(p in key.lower() for p in PLACEHOLDERS):
        try:
            ok = len(base64.urlsafe_b64decode(key.encode())) == 32
        except (binascii.Error, ValueError):
            ok = False
        if not ok:
            out.append("AIRFLOW_FERNET_KEY is not a Fernet key (32 url-safe base64 bytes)")
    return out


def generate(example: Path) -> str:
    """`.env.example` with every secret replaced by a fresh random value."""
    lines = []
    for line in example.read_text(encoding="utf-8").splitlines():
        name, sep, _ = line.partition("=")
        if sep and name.strip() in SECRETS:
            name = name.strip()
            value = fernet_key() if name == "AIRFLOW_FERNET_KEY" else secrets.token_urlsafe(
                64 if name == "AIRFLOW_JWT_SECRET" else 24)
            line = f"{name}={value}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if argv[:1] == ["--generate"]:
        example = Path(argv[1]) if len(argv) > 1 else Path(".env.example")
        sys.stdout.write(generate(example))
        return 0
    found = problems(dict(os.environ))
    for p in found:
        print(f"refusing to start: {p}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
