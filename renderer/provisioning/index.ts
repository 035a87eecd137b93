export { ProvisioningWizard } from './ProvisioningWizard';
