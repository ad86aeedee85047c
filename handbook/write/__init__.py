"""Writing the output folder, the caches kept between builds, and knowing that nothing changed."""
