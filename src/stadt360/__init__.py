"""Stadt360 – a smart-city platform: life situations, local economy, innovation centre."""
