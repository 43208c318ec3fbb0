using System.Runtime.Versioning;

// The controller is Linux-only; so are its tests (Unix sockets, a PostgreSQL cluster started with runuser).
[assembly: SupportedOSPlatform("linux")]
