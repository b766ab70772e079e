namespace Unico.IdCloud.Testing;

/// <summary>The three hosts the emulator plays, each on its own loopback port.</summary>
public enum EmulatorListener
{
    /// <summary>The identity host (<c>identity[homolog].acesso.io</c>): the token endpoint.</summary>
    Identity = 0,

    /// <summary>The by Unico process API (<c>api.cadastro[.uat].unico.app</c>).</summary>
    Process = 1,

    /// <summary>The signature API (<c>sign[hom].acesso.io</c>).</summary>
    Signature = 2,
}
