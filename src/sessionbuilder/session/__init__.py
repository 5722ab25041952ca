"""A session: selecting points, timing, activities, design for a length, the plan and running order."""
