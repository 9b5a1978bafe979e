from django.utils.translation import gettext_lazy as _

# Said on stderr (stdout stays the answer) when a fresh install answers from the data shipped with the package.
PACKAGE_ONLY = _("（数据库尚未迁移：按随软件提供的官方放假安排计算；gongkai migrate 后可导入新的放假通知）")
