using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    internal const int BPF_MAP_CREATE = 0;
    internal const int BPF_MAP_LOOKUP_ELEM = 1;
    internal const int BPF_PROG_LOAD = 5;
    internal const int BPF_LINK_CREATE = 28;

    internal const uint BPF_MAP_TYPE_ARRAY = 2;
    internal const uint BPF_PROG_TYPE_SCHED_CLS = 3;
    internal const uint BPF_TCX_INGRESS = 46;
    internal const uint BPF_TCX_EGRESS = 47;

    /// <summary>bpf(2) has no libc wrapper: its number is the architecture's (asm/unistd.h).</summary>
    private static long BpfSyscallNumber => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 321,
        Architecture.Arm64 => 280,
        var other => throw new PlatformNotSupportedException($"bpf(2) is not wired for {other}."),
    };

    [LibraryImport(Libc, EntryPoint = "syscall", SetLastError = true)]
    private static unsafe partial long Syscall(long number, long command, void* attributes, long size);

    /// <summary>bpf(<paramref name="command"/>, <paramref name="attributes"/>): a new descriptor, 0, or -1 with errno set.</summary>
    internal static unsafe long Bpf<T>(int command, ref T attributes)
        where T : unmanaged
    {
        fixed (T* a = &attributes)
        {
            return Syscall(BpfSyscallNumber, command, a, sizeof(T));
        }
    }

    /// <summary>Writes a program's or map's name (BPF_OBJ_NAME_LEN: 16 bytes, NUL-terminated, so 15 ASCII characters at most).</summary>
    internal static unsafe void WriteObjectName(byte* destination, string name)
    {
        for (var i = 0; i < Math.Min(name.Length, 15); i++)
        {
            destination[i] = (byte)name[i];
        }
    }

    /// <summary>union bpf_attr for BPF_PROG_LOAD (linux/bpf.h), up to expected_attach_type: what a tc program needs.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 72)]
    internal unsafe struct BpfProgLoadAttr
    {
        [FieldOffset(0)]
        public uint ProgramType;

        [FieldOffset(4)]
        public uint InstructionCount;

        [FieldOffset(8)]
        public ulong Instructions;

        [FieldOffset(16)]
        public ulong License;

        [FieldOffset(24)]
        public uint LogLevel;

        [FieldOffset(28)]
        public uint LogSize;

        [FieldOffset(32)]
        public ulong LogBuffer;

        [FieldOffset(48)]
        public fixed byte Name[16];

        [FieldOffset(68)]
        public uint ExpectedAttachType;
    }

    /// <summary>union bpf_attr for BPF_MAP_CREATE, up to map_name.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 48)]
    internal unsafe struct BpfMapCreateAttr
    {
        [FieldOffset(0)]
        public uint MapType;

        [FieldOffset(4)]
        public uint KeySize;

        [FieldOffset(8)]
        public uint ValueSize;

        [FieldOffset(12)]
        public uint MaxEntries;

        [FieldOffset(16)]
        public uint MapFlags;

        [FieldOffset(28)]
        public fixed byte Name[16];
    }

    /// <summary>union bpf_attr for BPF_MAP_*_ELEM.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 32)]
    internal struct BpfMapElemAttr
    {
        [FieldOffset(0)]
        public uint MapFd;

        [FieldOffset(8)]
        public ulong Key;

        [FieldOffset(16)]
        public ulong Value;

        [FieldOffset(24)]
        public ulong Flags;
    }

    /// <summary>union bpf_attr for BPF_LINK_CREATE with a tcx target (prog_fd, target_ifindex, attach_type, flags, tcx).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 32)]
    internal struct BpfLinkCreateAttr
    {
        [FieldOffset(0)]
        public uint ProgramFd;

        [FieldOffset(4)]
        public uint TargetInterfaceIndex;

        [FieldOffset(8)]
        public uint AttachType;

        [FieldOffset(12)]
        public uint Flags;

        [FieldOffset(16)]
        public uint RelativeFd;

        [FieldOffset(24)]
        public ulong ExpectedRevision;
    }

    /// <summary>struct bpf_insn (linux/bpf.h, 8 bytes): opcode, destination and source registers in one byte, offset, immediate.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 8)]
    internal struct BpfInsn
    {
        [FieldOffset(0)]
        public byte Code;

        [FieldOffset(1)]
        public byte Registers;

        [FieldOffset(2)]
        public short Offset;

        [FieldOffset(4)]
        public int Immediate;
    }
}
