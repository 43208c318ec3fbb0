namespace Hnv.Controller.State;

/// <summary>Why a write was refused: the HTTP answer follows from it (400, 404, 409, 403).</summary>
internal enum WriteRejection
{
    /// <summary>A field is wrong or the result would break a rule (400).</summary>
    Invalid,

    /// <summary>The item named by the path does not exist (404).</summary>
    NotFound,

    /// <summary>The item exists already, or another item holds what it needs (409).</summary>
    Conflict,

    /// <summary>The caller's token does not reach what the write touches (403).</summary>
    Forbidden,
}
