// Full-size image viewer: added by the publishing feature.
