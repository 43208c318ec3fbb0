namespace Hnv.Controller.Storage;

/// <summary>The store did not answer or refused a write (disk full, read-only, connection lost); nothing was applied.</summary>
internal sealed class StoreFailedException : Exception
{
    public StoreFailedException()
    {
    }

    public StoreFailedException(string message)
        : base(message)
    {
    }

    public StoreFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
