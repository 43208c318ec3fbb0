using System.Runtime.InteropServices;

namespace Hnv.Linux.Polling;

/// <summary>One ready descriptor: the token it was added with and what it is ready for.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct PollEvent(ulong Token, PollEvents Events);
