/**
 * The app's side of the project file (core/projectFile.ts has the format): the file's project with
 * the app's own types. Settings and runs are brought to today's shape where the project is opened
 * (projectsSlice.ts, migrate.ts), so files from older versions open too.
 */
import { decodeProjectFile as decode, type PortableProject as FileProject, type SavedDataset } from '../core/projectFile.ts';
import type { ProjectDoc } from './persist.ts';

export { encodeProjectFile, projectFileName } from '../core/projectFile.ts';

export type PortableProject = Pick<
  ProjectDoc,
  'name' | 'datasetName' | 'exampleId' | 'config' | 'sfSource' | 'settings' | 'backend' | 'run'
> &
  Omit<FileProject, 'settings' | 'run' | 'backend'>;

export async function decodeProjectFile(file: Blob, fileName: string): Promise<{ project: PortableProject; data: SavedDataset | null }> {
  const { project, data } = await decode(file, fileName);
  return { project: project as PortableProject, data };
}
