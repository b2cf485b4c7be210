"""moto's user pools, looked up across its backends (every account, every Region): each addition that
needs a pool, an app client or a refresh token finds it here."""

from moto.cognitoidp.models import cognitoidp_backends


def pools():
    """(backend, pool) for every user pool moto holds."""
    for by_region in cognitoidp_backends.values():
        for region, backend in by_region.items():
            if region == "global":
                continue
            for pool in backend.user_pools.values():
                yield backend, pool


def pool(pool_id):
    """The pool with this id, or None."""
    return next((p for _, p in pools() if p.id == pool_id), None)


def client(client_id):
    """(backend, pool, app client) for this client id, or None."""
    return next(((b, p, p.clients[client_id]) for b, p in pools() if client_id in p.clients), None)


def by_access_token(token):
    """The pool that issued this access token, or None."""
    return next((p for _, p in pools() if token and token in p.access_tokens), None)


def refresh_token(token):
    """(the pool holding this refresh token, its (client id, username, origin jti), None when revoked)."""
    return next(((p, p.refresh_tokens[token]) for _, p in pools() if token in p.refresh_tokens), (None, None))


def backend_of(pool):
    """The backend (account and Region) holding `pool`."""
    return next(b for b, p in pools() if p is pool)
