"""Serializers of the pros area: the profile's documented nested shape, its writes, portfolio items, reviews."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from alistpros.models import PortfolioItem, ProProfile, Review, ServiceCategory
from alistpros.services.pros import image_validate
from core.api.fields import AccountIdField, BoundedPrimaryKeyField
from core.api.rendering import account_id, date_text, datetime_text, file_url
from core.api.serializers import ModelSerializer

User = get_user_model()


class ProUserSerializer(serializers.Serializer):
    """`{id, email, name, phone_number, role}`: the pro's account."""

    id = AccountIdField()
    email = serializers.EmailField(read_only=True)
    name = serializers.CharField(read_only=True)
    phone_number = serializers.CharField(source="phone", read_only=True)
    role = serializers.CharField(read_only=True)


class ReviewClientSerializer(serializers.Serializer):
    """`{id, name}`: the reviewing client."""

    id = AccountIdField()
    name = serializers.CharField(read_only=True)


class ServiceCategorySerializer(ModelSerializer):
    class Meta:
        model = ServiceCategory
        fields = ["id", "name", "description"]
        read_only_fields = fields


class PortfolioItemSerializer(ModelSerializer):
    image = serializers.FileField(read_only=True, allow_null=True, help_text="The image's URL, or null.")

    class Meta:
        model = PortfolioItem
        fields = ["id", "title", "description", "image", "completion_date"]
        read_only_fields = fields


class ReviewSerializer(ModelSerializer):
    client = ReviewClientSerializer(read_only=True)

    class Meta:
        model = Review
        fields = ["id", "client", "rating", "comment", "is_verified", "created_at"]
        read_only_fields = fields


class ProProfileSerializer(ModelSerializer):
    """A pro profile as the spec lists it; read from selectors.pros.pro_profile_list (everything prefetched)."""

    user = ProUserSerializer(read_only=True)
    profile_image = serializers.FileField(read_only=True, allow_null=True, help_text="The image's URL, or null.")
    service_categories = ServiceCategorySerializer(many=True, read_only=True)
    portfolio_items = PortfolioItemSerializer(many=True, read_only=True)
    reviews = ReviewSerializer(many=True, read_only=True)
    average_rating = serializers.FloatField(
        read_only=True, help_text="Mean rating to one decimal; 0.0 without reviews."
    )

    class Meta:
        model = ProProfile
        fields = [
            "id",
            "user",
            "business_name",
            "business_description",
            "years_of_experience",
            "license_number",
            "insurance_info",
            "service_radius",
            "profile_image",
            "is_onboarded",
            "service_categories",
            "portfolio_items",
            "reviews",
            "average_rating",
            "total_reviews",
            "created_at",
        ]
        read_only_fields = fields

    # Rendered by hand, field for field what the declared fields render (tests/api/test_renderings.py holds
    # them equal): a page of 20 pros nested five serializers per row, more CPU than its queries (issue #16).
    def to_representation(self, profile) -> dict:
        request = self.context.get("request")
        user = profile.user
        return {
            "id": profile.id,
            "user": {
                "id": account_id(user.public_id),
                "email": user.email,
                "name": user.name,
                "phone_number": user.phone,
                "role": user.role,
            },
            "business_name": profile.business_name,
            "business_description": profile.business_description,
            "years_of_experience": profile.years_of_experience,
            "license_number": profile.license_number,
            "insurance_info": profile.insurance_info,
            "service_radius": profile.service_radius,
            "profile_image": file_url(profile.profile_image, request),
            "is_onboarded": bool(profile.is_onboarded),
            "service_categories": [
                {"id": category.id, "name": category.name, "description": category.description}
                for category in profile.service_categories.all()
            ],
            "portfolio_items": [
                {
                    "id": item.id,
                    "title": item.title,
                    "description": item.description,
                    "image": file_url(item.image, request),
                    "completion_date": date_text(item.completion_date),
                }
                for item in profile.portfolio_items.all()
            ],
            "reviews": [
                {
                    "id": review.id,
                    "client": {
                        "id": account_id(review.client.public_id),
                        "name": review.client.name,
                    },
                    "rating": review.rating,
                    "comment": review.comment,
                    "is_verified": bool(review.is_verified),
                    "created_at": datetime_text(review.created_at),
                }
                for review in profile.reviews.all()
            ],
            "average_rating": float(profile.average_rating),
            "total_reviews": profile.total_reviews,
            "created_at": datetime_text(profile.created_at),
        }


class ProProfileWriteSerializer(serializers.Serializer):
    """Create (business_name required) or update (everything optional): JSON, or multipart with `profile_image`."""

    business_name = serializers.CharField(max_length=200)
    business_description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    years_of_experience = serializers.IntegerField(min_value=0, max_value=100, required=False)
    license_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    insurance_info = serializers.CharField(max_length=500, required=False, allow_blank=True)
    service_radius = serializers.IntegerField(min_value=0, max_value=25000, required=False, help_text="Miles.")
    service_categories = BoundedPrimaryKeyField(
        many=True, queryset=ServiceCategory.objects.all(), required=False, help_text="Service category ids."
    )
    # A FileField: the content decides what the file is (validate_profile_image), the client's name plays no part.
    profile_image = serializers.FileField(
        required=False, allow_null=True, help_text="JPEG, PNG or WebP, at most 5 MB; null removes it (update)."
    )

    def validate_profile_image(self, value):
        if value is not None:
            image_validate(value, label="The profile image")
        return value


class PortfolioItemWriteSerializer(serializers.Serializer):
    """Multipart with an optional `image` file (JPEG, PNG or WebP, at most 5 MB); JSON without one."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    completion_date = serializers.DateField(required=False, allow_null=True, help_text="Not in the future.")
    image = serializers.FileField(required=False, help_text="JPEG, PNG or WebP, at most 5 MB.")

    def validate_image(self, value):
        image_validate(value)
        return value


class ReviewWriteSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=5000, required=False, allow_blank=True)
