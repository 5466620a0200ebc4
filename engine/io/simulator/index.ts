export { Mulberry32 } from './mulberry32';
export {
  SensorRecordGenerator,
  sensorLine,
  SENSOR_ACTIVITIES,
  SENSOR_MODELS,
  SENSOR_USERS,
  type MalformedKind,
  type SensorGeneratorOptions,
  type SensorRecord,
  type SensorRow,
} from './sensor-records';
export {
  SensorSimulator,
  wellFormedRows,
  type SensorSimulatorOptions,
  type WrittenSensorFile,
} from './sensor-simulator';
export {
  writeSensorFolder,
  type SensorFolder,
  type WriteSensorFolderOptions,
} from './write-sensor-folder';
