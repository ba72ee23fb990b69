from dataclasses import dataclass, field

DEMO_PASSWORD = "prongsai-demo"


@dataclass
class DemoContext:
    """What the foundation demo created, handed to each app's `demo.load(ctx)`."""

    main: object  # Organization: อบต.กำปัง, the seed's organization
    second: object  # a second, small organization so tenancy is visible
    users: dict = field(default_factory=dict)  # username → User
    accounts: list = field(default_factory=list)  # (username, organization, role label) for printing
