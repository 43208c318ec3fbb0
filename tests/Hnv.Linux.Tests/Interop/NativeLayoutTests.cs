using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hnv.Linux.Tests.Interop;

/// <summary>Each native struct has the size and field offsets of its Linux x86_64 C declaration.</summary>
[Trait("tier", "pure")]
public class NativeLayoutTests
{
    [Fact]
    public void IfReq_MatchesLinuxIfH() // struct ifreq: char ifr_name[16]; union { short ifr_flags; ... } (24 bytes)
    {
        Assert.Equal(40, Unsafe.SizeOf<Linux.Interop.IfReq>());
        Assert.Equal(0, Offset<Linux.Interop.IfReq>("Name"));
        Assert.Equal(16, Offset<Linux.Interop.IfReq>("Flags"));
    }

    [Fact]
    public void SockAddrIn_MatchesNetinetIn()
    {
        Assert.Equal(16, Unsafe.SizeOf<Linux.Interop.SockAddrIn>());
        Assert.Equal(0, Offset<Linux.Interop.SockAddrIn>("Family"));
        Assert.Equal(2, Offset<Linux.Interop.SockAddrIn>("Port"));
        Assert.Equal(4, Offset<Linux.Interop.SockAddrIn>("Address"));
        Assert.Equal(8, Offset<Linux.Interop.SockAddrIn>("Zero"));
    }

    [Fact]
    public void SockAddrIn6_MatchesNetinetIn()
    {
        Assert.Equal(28, Unsafe.SizeOf<Linux.Interop.SockAddrIn6>());
        Assert.Equal(0, Offset<Linux.Interop.SockAddrIn6>("Family"));
        Assert.Equal(2, Offset<Linux.Interop.SockAddrIn6>("Port"));
        Assert.Equal(4, Offset<Linux.Interop.SockAddrIn6>("FlowInfo"));
        Assert.Equal(8, Offset<Linux.Interop.SockAddrIn6>("Address"));
        Assert.Equal(24, Offset<Linux.Interop.SockAddrIn6>("ScopeId"));
    }

    [Fact]
    public void SockAddrLl_MatchesLinuxIfPacketH()
    {
        Assert.Equal(20, Unsafe.SizeOf<Linux.Interop.SockAddrLl>());
        Assert.Equal(0, Offset<Linux.Interop.SockAddrLl>("Family"));
        Assert.Equal(2, Offset<Linux.Interop.SockAddrLl>("Protocol"));
        Assert.Equal(4, Offset<Linux.Interop.SockAddrLl>("IfIndex"));
        Assert.Equal(8, Offset<Linux.Interop.SockAddrLl>("HaType"));
        Assert.Equal(10, Offset<Linux.Interop.SockAddrLl>("PacketType"));
        Assert.Equal(11, Offset<Linux.Interop.SockAddrLl>("HaLength"));
        Assert.Equal(12, Offset<Linux.Interop.SockAddrLl>("Address"));
    }

    [Fact]
    public void BpfInsn_MatchesLinuxBpfH() // struct bpf_insn { __u8 code; __u8 dst_reg:4, src_reg:4; __s16 off; __s32 imm; }
    {
        Assert.Equal(8, Unsafe.SizeOf<Linux.Interop.BpfInsn>());
        Assert.Equal(0, Offset<Linux.Interop.BpfInsn>("Code"));
        Assert.Equal(1, Offset<Linux.Interop.BpfInsn>("Registers"));
        Assert.Equal(2, Offset<Linux.Interop.BpfInsn>("Offset"));
        Assert.Equal(4, Offset<Linux.Interop.BpfInsn>("Immediate"));
    }

    [Fact]
    public void BpfAttr_ProgramLoad_MatchesLinuxBpfH() // union bpf_attr, BPF_PROG_LOAD's struct up to expected_attach_type
    {
        Assert.Equal(72, Unsafe.SizeOf<Linux.Interop.BpfProgLoadAttr>());
        Assert.Equal(0, Offset<Linux.Interop.BpfProgLoadAttr>("ProgramType"));
        Assert.Equal(4, Offset<Linux.Interop.BpfProgLoadAttr>("InstructionCount"));
        Assert.Equal(8, Offset<Linux.Interop.BpfProgLoadAttr>("Instructions"));
        Assert.Equal(16, Offset<Linux.Interop.BpfProgLoadAttr>("License"));
        Assert.Equal(24, Offset<Linux.Interop.BpfProgLoadAttr>("LogLevel"));
        Assert.Equal(28, Offset<Linux.Interop.BpfProgLoadAttr>("LogSize"));
        Assert.Equal(32, Offset<Linux.Interop.BpfProgLoadAttr>("LogBuffer"));
        Assert.Equal(48, Offset<Linux.Interop.BpfProgLoadAttr>("Name"));
        Assert.Equal(68, Offset<Linux.Interop.BpfProgLoadAttr>("ExpectedAttachType"));
    }

    [Fact]
    public void BpfAttr_MapCreateAndElement_MatchLinuxBpfH()
    {
        Assert.Equal(48, Unsafe.SizeOf<Linux.Interop.BpfMapCreateAttr>());
        Assert.Equal(4, Offset<Linux.Interop.BpfMapCreateAttr>("KeySize"));
        Assert.Equal(8, Offset<Linux.Interop.BpfMapCreateAttr>("ValueSize"));
        Assert.Equal(12, Offset<Linux.Interop.BpfMapCreateAttr>("MaxEntries"));
        Assert.Equal(16, Offset<Linux.Interop.BpfMapCreateAttr>("MapFlags"));
        Assert.Equal(28, Offset<Linux.Interop.BpfMapCreateAttr>("Name"));
        Assert.Equal(32, Unsafe.SizeOf<Linux.Interop.BpfMapElemAttr>());
        Assert.Equal(8, Offset<Linux.Interop.BpfMapElemAttr>("Key"));
        Assert.Equal(16, Offset<Linux.Interop.BpfMapElemAttr>("Value"));
        Assert.Equal(24, Offset<Linux.Interop.BpfMapElemAttr>("Flags"));
    }

    [Fact]
    public void BpfAttr_LinkCreate_MatchesLinuxBpfH() // prog_fd, target_ifindex, attach_type, flags, then tcx { relative_fd; expected_revision }
    {
        Assert.Equal(32, Unsafe.SizeOf<Linux.Interop.BpfLinkCreateAttr>());
        Assert.Equal(4, Offset<Linux.Interop.BpfLinkCreateAttr>("TargetInterfaceIndex"));
        Assert.Equal(8, Offset<Linux.Interop.BpfLinkCreateAttr>("AttachType"));
        Assert.Equal(12, Offset<Linux.Interop.BpfLinkCreateAttr>("Flags"));
        Assert.Equal(16, Offset<Linux.Interop.BpfLinkCreateAttr>("RelativeFd"));
        Assert.Equal(24, Offset<Linux.Interop.BpfLinkCreateAttr>("ExpectedRevision"));
    }

    [Fact]
    public void SockFilter_MatchesLinuxFilterH() // struct sock_filter { __u16 code; __u8 jt; __u8 jf; __u32 k; }
    {
        Assert.Equal(8, Unsafe.SizeOf<Linux.Interop.SockFilter>());
        Assert.Equal(0, Offset<Linux.Interop.SockFilter>("Code"));
        Assert.Equal(2, Offset<Linux.Interop.SockFilter>("JumpTrue"));
        Assert.Equal(3, Offset<Linux.Interop.SockFilter>("JumpFalse"));
        Assert.Equal(4, Offset<Linux.Interop.SockFilter>("K"));
    }

    [Fact]
    public void SockFprog_MatchesLinuxFilterH() // struct sock_fprog { unsigned short len; struct sock_filter *filter; }
    {
        Assert.Equal(16, Unsafe.SizeOf<Linux.Interop.SockFprog>());
        Assert.Equal(0, Offset<Linux.Interop.SockFprog>("Length"));
        Assert.Equal(8, Offset<Linux.Interop.SockFprog>("Filter"));
    }

    [Fact]
    public void IoVec_MatchesSysUio()
    {
        Assert.Equal(16, Unsafe.SizeOf<Linux.Interop.IoVec>());
        Assert.Equal(0, Offset<Linux.Interop.IoVec>("Base"));
        Assert.Equal(8, Offset<Linux.Interop.IoVec>("Length"));
    }

    [Fact]
    public void MsgHdr_MatchesGlibcSysSocket()
    {
        Assert.Equal(56, Unsafe.SizeOf<Linux.Interop.MsgHdr>());
        Assert.Equal(0, Offset<Linux.Interop.MsgHdr>("Name"));
        Assert.Equal(8, Offset<Linux.Interop.MsgHdr>("NameLength"));
        Assert.Equal(16, Offset<Linux.Interop.MsgHdr>("Iov"));
        Assert.Equal(24, Offset<Linux.Interop.MsgHdr>("IovLength"));
        Assert.Equal(32, Offset<Linux.Interop.MsgHdr>("Control"));
        Assert.Equal(40, Offset<Linux.Interop.MsgHdr>("ControlLength"));
        Assert.Equal(48, Offset<Linux.Interop.MsgHdr>("Flags"));
    }

    [Fact]
    public void MMsgHdr_MatchesGlibcSysSocket()
    {
        Assert.Equal(64, Unsafe.SizeOf<Linux.Interop.MMsgHdr>());
        Assert.Equal(0, Offset<Linux.Interop.MMsgHdr>("Header"));
        Assert.Equal(56, Offset<Linux.Interop.MMsgHdr>("Length"));
    }

    [Fact]
    public void EpollEvent_MatchesPackedX8664Declaration() // __EPOLL_PACKED on x86_64 only
    {
        Assert.Equal(12, Unsafe.SizeOf<Linux.Interop.EpollEvent>());
        Assert.Equal(0, Offset<Linux.Interop.EpollEvent>("Events"));
        Assert.Equal(4, Offset<Linux.Interop.EpollEvent>("Data"));
    }

    private static int Offset<T>(string field) => (int)Marshal.OffsetOf<T>(field);
}
