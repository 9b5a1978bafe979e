"""nginx server blocks for every site of the cluster (``gongkai sites nginx``): one per site, on its
canonical name with TLS, HTTP/2 and IPv6, serving the site's static directory first and passing the rest to
the application; its other names and plain HTTP redirect to it. The locations shared by every site are in
/etc/nginx/gongkai_site.conf (docs/nginx-gongkai-site.conf)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteHosts:
    name: str
    site_code: str
    canonical: str
    aliases: tuple[str, ...]


def _tls(canonical: str, cert_dir: str) -> str:
    return (f"    ssl_certificate     {cert_dir}/{canonical}/fullchain.pem;\n"
            f"    ssl_certificate_key {cert_dir}/{canonical}/privkey.pem;\n")


def server_blocks(site: SiteHosts, *, site_dir: str, cert_dir: str, access_log: str) -> str:
    names = " ".join((site.canonical, *site.aliases))
    # HTTP/2 as a listen parameter: nginx 1.22 (Debian 12) has no "http2 on;" (1.25.1 and later take both).
    listen_tls = "    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n"
    out = [f"# {site.name}（网站标识码 {site.site_code}）\n",
           "server {\n    listen 80;\n    listen [::]:80;\n",
           f"    server_name {names};\n",
           f"    return 301 https://{site.canonical}$request_uri;\n}}\n"]
    if site.aliases:
        out += ["server {\n", listen_tls, f"    server_name {' '.join(site.aliases)};\n",
                _tls(site.canonical, cert_dir), f"    return 301 https://{site.canonical}$request_uri;\n}}\n"]
    out += ["server {\n", listen_tls, f"    server_name {site.canonical};\n", _tls(site.canonical, cert_dir),
            f"    root {site_dir}/sites/{site.canonical};   # gongkai sites publish / every publication\n",
            f"    access_log {access_log} gongkai_visits;   # = GONGKAI_NGINX_ACCESS_LOG\n",
            "    include /etc/nginx/gongkai_site.conf;\n}\n"]
    return "".join(out)


def all_server_blocks(sites: list[SiteHosts], **paths) -> str:
    return "\n".join(server_blocks(site, **paths) for site in sites)
