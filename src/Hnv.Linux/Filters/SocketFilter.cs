namespace Hnv.Linux.Filters;

/// <summary>Attaches a <see cref="BpfProgram"/> to a socket of this assembly.</summary>
internal static class SocketFilter
{
    /// <summary>SO_ATTACH_FILTER; the kernel copies the program, so nothing needs to stay pinned.</summary>
    internal static unsafe void Attach(SafeFileDescriptor fd, BpfProgram program)
    {
        var count = program.Instructions.Count;
        var native = stackalloc Interop.SockFilter[count];
        for (var i = 0; i < count; i++)
        {
            var instruction = program.Instructions[i];
            native[i] = new Interop.SockFilter { Code = instruction.Code, JumpTrue = instruction.JumpTrue, JumpFalse = instruction.JumpFalse, K = instruction.K };
        }

        var fprog = new Interop.SockFprog { Length = (ushort)count, Filter = native };
        if (Interop.SetSockOpt(fd, Interop.SOL_SOCKET, Interop.SO_ATTACH_FILTER, &fprog, (uint)sizeof(Interop.SockFprog)) < 0)
        {
            throw LinuxException.FromLastError("setsockopt SO_ATTACH_FILTER");
        }
    }
}
