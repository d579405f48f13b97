// CommonJS caller: require() of the service package and core loads their ES modules (one copy:
// the same classes import() gives), with the runtime implementation chosen by the conditions.
const cvm = require('@scope/cvm');
const core = require('@scope/core');

const client = new cvm.CvmClient({
  region: 'ap-guangzhou',
  credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'not-a-secret' },
});
import('@scope/cvm').then(async (esm) => {
  const coreEsm = await import('@scope/core');
  console.log(
    JSON.stringify({
      runtime: core.RUNTIME_NAME,
      clientIsCore: client instanceof core.BaseServiceClient,
      sameClass:
        cvm.CvmClient === esm.CvmClient && core.TencentCloudError === coreEsm.TencentCloudError,
      hasMethod: typeof client.describeInstances,
    }),
  );
});
