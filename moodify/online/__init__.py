"""Online music services (Jamendo, Openverse): what is sent is only track ids and mood words, and
the `offline` setting sends nothing. Every request goes through moodify.online.http."""
