from django.core.management.base import CommandError

from gongkai.core.command import GongkaiCommand
from gongkai.sites import nginx
from gongkai.sites.models import Site


class Command(GongkaiCommand):
    help = "网站集群：nginx 输出每个网站的 nginx server 配置（静态页面由 gongkai portal publish 写入各网站目录）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        conf = sub.add_parser("nginx", help="输出每个网站的 server 配置（HTTPS、HTTP/2、IPv6）")
        conf.add_argument("--site-dir", default="/srv/gongkai/site", help="= GONGKAI_STATIC_SITE_DIR")
        conf.add_argument("--cert-dir", default="/etc/ssl/gongkai", help="证书目录：<目录>/<主域名>/fullchain.pem")
        conf.add_argument("--access-log", default="/var/log/nginx/gongkai-visits.log",
                          help="= GONGKAI_NGINX_ACCESS_LOG")
        conf.add_argument("--output", help="写入此文件（默认输出到屏幕）")

    def handle(self, *args, verb, **options):
        sites = []
        for site in Site.objects.filter(is_active=True).prefetch_related("domains").order_by("agency__path", "id"):
            domains = sorted(site.domains.all(), key=lambda d: (not d.is_canonical, d.domain))
            if domains:
                sites.append(nginx.SiteHosts(site.name, site.site_code, domains[0].domain,
                                             tuple(d.domain for d in domains[1:])))
        if not sites:
            raise CommandError("尚未开设网站：请先在后台“网站集群”中开设网站")
        text = nginx.all_server_blocks(sites, site_dir=options["site_dir"], cert_dir=options["cert_dir"],
                                       access_log=options["access_log"])
        if options.get("output"):
            try:
                with open(options["output"], "w", encoding="utf-8") as handle:
                    handle.write(text)
            except OSError as exc:
                raise CommandError(f"无法写入 {options['output']}：{exc.strerror}") from None
            self.stdout.write(f"{len(sites)} 个网站的配置已写入 {options['output']}")
        else:
            self.stdout.write(text, ending="")
