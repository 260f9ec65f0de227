package hooks

// FramePages exposes framePages to the external tests.
var FramePages = framePages
