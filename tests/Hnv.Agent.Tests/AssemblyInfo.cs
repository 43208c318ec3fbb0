using System.Runtime.Versioning;

// The agent is Linux-only (TAPs, packet sockets, Unix sockets); so are its tests.
[assembly: SupportedOSPlatform("linux")]
