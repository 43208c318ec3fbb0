using System.Runtime.Versioning;

// The controller runs on Linux hosts (Unix sockets, file modes); the analyzers hold it to that.
[assembly: SupportedOSPlatform("linux")]
