using System.Runtime.Versioning;

// The gateway is Linux-only (namespaces, TAPs, nftables); so are its tests.
[assembly: SupportedOSPlatform("linux")]
