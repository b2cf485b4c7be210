"""cogsh's sandbox server: moto, and in the same process what moto does not serve.

One process that outlives any shell (``sandbox start`` leaves it running; every shell uses it): moto's
own application for the AWS APIs, and in front of it the sandbox's additions, each a module here. The
first is managed login (``managed_login``), which moto lacks; the pages live here rather than in the
cogsh that started the sandbox, so that ``login --hosted`` works from any shell after that one exits.
"""
