// The primary's gate for DEFECT (setting.ts): a refused setting stops the service before any worker
// starts; an accepted one is announced on stderr so nobody mistakes the process for a healthy service.
import { DefectSettingError, describeDefect, parseDefectSetting } from './setting.ts';

export function refuseUnsafeDefect(exitCode: number): void {
  try {
    const defect = parseDefectSetting(process.env);
    if (defect !== undefined) {
      process.stderr.write(
        `auth service: DEFECT=${describeDefect(defect)} is active: this service is broken on purpose (testing only)\n`,
      );
    }
  } catch (error) {
    if (!(error instanceof DefectSettingError)) throw error;
    process.stderr.write(`auth service: ${error.message}\n`);
    process.exit(exitCode);
  }
}
