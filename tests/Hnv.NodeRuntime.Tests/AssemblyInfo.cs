using System.Runtime.Versioning;

// The node runtime opens Linux underlay ports; its tests run on Linux.
[assembly: SupportedOSPlatform("linux")]
