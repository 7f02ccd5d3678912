// Private networking, deployed only when main.bicep's privateNetworking is on: a virtual network whose "app" subnet
// the Function App is integrated into (Flex Consumption wants it delegated to Microsoft.App/environments), private
// endpoints for the storage account's blob, table and queue services and for the Key Vault in its "endpoints" subnet,
// and the private DNS zones that make the usual host names resolve to those endpoints inside the network. Storage
// and Key Vault then refuse public calls (their privateOnly parameter); Application Insights stays public.

@description('Name stem, such as opsg-prod.')
param baseName string

param location string

param tags { *: string }

@description('Address space of the virtual network; the app and endpoint subnets are its first two /24s.')
param addressPrefix string

@description('The storage account to reach privately.')
param storageAccountId string

@description('The Key Vault to reach privately.')
param keyVaultId string

// Private DNS zones by endpoint group, from the cloud's own suffixes (Key Vault's private zone is vaultcore).
var endpoints = [
  { group: 'blob', zone: 'privatelink.blob.${environment().suffixes.storage}' }
  { group: 'table', zone: 'privatelink.table.${environment().suffixes.storage}' }
  { group: 'queue', zone: 'privatelink.queue.${environment().suffixes.storage}' }
  { group: 'vault', zone: 'privatelink${replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}' }
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-07-01' = {
  name: 'vnet-${baseName}'
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          delegations: [{ name: 'flex', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
      {
        name: 'endpoints'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource appSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-07-01' existing = {
  parent: vnet
  name: 'app'
}

resource endpointSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-07-01' existing = {
  parent: vnet
  name: 'endpoints'
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for endpoint in endpoints: {
    name: endpoint.zone
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (endpoint, i) in endpoints: {
    parent: zones[i]
    name: vnet.name
    location: 'global'
    tags: tags
    properties: {
      virtualNetwork: { id: vnet.id }
      registrationEnabled: false
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-07-01' = [
  for endpoint in endpoints: {
    name: 'pe-${baseName}-${endpoint.group}'
    location: location
    tags: tags
    properties: {
      subnet: { id: endpointSubnet.id }
      privateLinkServiceConnections: [
        {
          name: endpoint.group
          properties: { privateLinkServiceId: endpoint.group == 'vault' ? keyVaultId : storageAccountId, groupIds: [endpoint.group] }
        }
      ]
    }
  }
]

resource dnsRecords 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-07-01' = [
  for (endpoint, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [{ name: endpoint.group, properties: { privateDnsZoneId: zones[i].id } }]
    }
  }
]

@description('The subnet the Function App is integrated into.')
output appSubnetId string = appSubnet.id
