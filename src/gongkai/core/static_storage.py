"""The static files' storage: WhiteNoise's hashed names with gzip and Brotli copies, except for source maps.

Brotli at its best level is what ``collectstatic`` spends its time on (about a third of it on the two
Swagger UI source maps, which only a browser's developer tools fetch, and then uncompressed is fine): leaving
``.map`` files uncompressed takes that off every first start (``make run``) and every deployment.
"""

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs):
        if kwargs.get("extensions") is None:
            kwargs["extensions"] = SKIP_COMPRESS_EXTENSIONS
        return super().create_compressor(**kwargs)
