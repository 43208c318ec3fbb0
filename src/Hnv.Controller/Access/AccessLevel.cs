namespace Hnv.Controller.Access;

/// <summary>What an endpoint asks of its caller (endpoint metadata read by <see cref="TokenAuthentication"/>).</summary>
internal enum AccessLevel
{
    /// <summary>No token needed (health, the OpenAPI document).</summary>
    Public,

    /// <summary>A read or write operator token.</summary>
    Read,

    /// <summary>A write operator token.</summary>
    Write,

    /// <summary>A read operator token, or the agent token of the host in the route's {name}.</summary>
    ReadOrHostAgent,

    /// <summary>A write operator token, or the agent token of the host in the route's {name}.</summary>
    WriteOrHostAgent,
}
