"""Reference data: categories, departments, status options, urgency levels and badges (seeded by migration)."""

from django.db import models


class Department(models.Model):
    """A municipal department that resolves issues; ids are the documented slugs (`public-works`)."""

    id = models.CharField(max_length=50, primary_key=True)
    name = models.CharField(max_length=100)
    icon = models.CharField(max_length=50)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    order = models.IntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """An issue category (`road`, `garbage`...); `default_department` routes new issues when none is given."""

    id = models.CharField(max_length=50, primary_key=True)
    name = models.CharField(max_length=100)
    icon = models.CharField(max_length=50)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    order = models.IntegerField(default=0)
    default_department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class StatusOption(models.Model):
    """Display data of one issue status; ids equal `Issue.Status` values."""

    id = models.CharField(max_length=20, primary_key=True)
    name = models.CharField(max_length=50)
    color = models.CharField(max_length=50)
    icon = models.CharField(max_length=50)
    order = models.IntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class UrgencyLevel(models.Model):
    """Display data of one urgency level; ids equal `Issue.Urgency` values."""

    id = models.CharField(max_length=20, primary_key=True)
    name = models.CharField(max_length=50)
    color = models.CharField(max_length=50)
    order = models.IntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Badge(models.Model):
    """An achievement; `criteria` maps stat names to minimum values, all of which must be met."""

    id = models.CharField(max_length=50, primary_key=True)
    name = models.CharField(max_length=100)
    description = models.TextField()
    icon = models.CharField(max_length=50)
    criteria = models.JSONField(default=dict)
    order = models.IntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name
