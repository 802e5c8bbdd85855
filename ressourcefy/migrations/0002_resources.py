"""CommentVote.public_id: the vote's UUID on the wire (`vote_id`). The table is new in 0001 (no rows to fill)."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ressourcefy", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="commentvote",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, help_text="The wire's vote_id.", unique=True),
        ),
    ]
