// Temporary consumer used to prove the packaging mechanics before the typed clients land.
using Unico.IdCloud.Client;

var options = new IdCloudOptions();
Console.WriteLine(options.GetIdentityBaseAddress());
return options.GetIdentityBaseAddress() == IdCloudHosts.UatIdentity ? 0 : 1;
