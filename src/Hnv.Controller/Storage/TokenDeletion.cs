namespace Hnv.Controller.Storage;

/// <summary>What <see cref="ControllerStore.DeleteTokenAsync"/> did.</summary>
internal enum TokenDeletion
{
    Deleted,

    /// <summary>There is no token of that name.</summary>
    Missing,

    /// <summary>Refused: it is the last write token.</summary>
    LastWriteToken,
}
