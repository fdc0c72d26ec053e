package dev.mcpproxy.desktop.backend;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of {@link WindowsJob} without Windows: its struct against the sizes and offsets of the Windows
 * SDK's headers on x64, and the calls it makes, in order, against a stand-in for kernel32. Whether Windows then ends
 * the sidecar with the app is not tested here.
 */
class WindowsJobTest {

    @Test
    void theLimitStructsHaveTheWindowsSdksX64SizesAndOffsets() {
        assertThat(WindowsJob.BASIC_LIMIT_INFORMATION.byteSize()).isEqualTo(64);
        assertThat(offsets(WindowsJob.BASIC_LIMIT_INFORMATION, "PerProcessUserTimeLimit", "PerJobUserTimeLimit",
                "LimitFlags", "MinimumWorkingSetSize", "MaximumWorkingSetSize", "ActiveProcessLimit", "Affinity",
                "PriorityClass", "SchedulingClass")).containsExactly(0L, 8L, 16L, 24L, 32L, 40L, 48L, 56L, 60L);
        assertThat(WindowsJob.IO_COUNTERS.byteSize()).isEqualTo(48);
        assertThat(WindowsJob.EXTENDED_LIMIT_INFORMATION.byteSize()).isEqualTo(144);
        assertThat(offsets(WindowsJob.EXTENDED_LIMIT_INFORMATION, "BasicLimitInformation", "IoInfo",
                "ProcessMemoryLimit", "JobMemoryLimit", "PeakProcessMemoryUsed", "PeakJobMemoryUsed"))
                .containsExactly(0L, 64L, 112L, 120L, 128L, 136L);
        assertThat(WindowsJob.EXTENDED_LIMIT_INFORMATION.byteAlignment()).isEqualTo(8);
    }

    @Test
    void theJobIsMadeToKillOnCloseAndTheSidecarIsAssignedThroughAHandleThatIsClosedAgain() throws Exception {
        RecordingKernel32 kernel32 = new RecordingKernel32();
        WindowsJob job = WindowsJob.create(kernel32);
        job.assign(4242);
        assertThat(kernel32.calls).containsExactly("CreateJobObjectW", "SetInformationJobObject(job, 9, 144 bytes)",
                "OpenProcess(0x101, 4242)", "AssignProcessToJobObject(job, process 4242)", "CloseHandle(process 4242)");
        MemorySegment limits = kernel32.limits;
        assertThat(limits.get(ValueLayout.JAVA_INT_UNALIGNED, 16)).isEqualTo(0x2000);
        limits.set(ValueLayout.JAVA_INT_UNALIGNED, 16, 0);
        assertThat(limits.toArray(ValueLayout.JAVA_BYTE)).as("every other limit left unset").containsOnly(0);
    }

    @Test
    void aJobWhoseLimitsCannotBeSetIsClosedAndTheFailureThrown() {
        RecordingKernel32 kernel32 = new RecordingKernel32();
        kernel32.failing = "SetInformationJobObject";
        assertThatThrownBy(() -> WindowsJob.create(kernel32)).isInstanceOf(IOException.class)
                .hasMessage("SetInformationJobObject failed with error 5");
        assertThat(kernel32.calls).endsWith("CloseHandle(job)");
    }

    @Test
    void theProcessHandleIsClosedWhenAssigningFails() throws Exception {
        RecordingKernel32 kernel32 = new RecordingKernel32();
        WindowsJob job = WindowsJob.create(kernel32);
        kernel32.failing = "AssignProcessToJobObject";
        assertThatThrownBy(() -> job.assign(7)).isInstanceOf(IOException.class);
        assertThat(kernel32.calls).endsWith("CloseHandle(process 7)");
    }

    private static List<Long> offsets(StructLayout struct, String... names) {
        return List.of(names).stream().map(name -> struct.byteOffset(groupElement(name))).toList();
    }

    /** Stand-in handles are addresses that name what they are: 1 the job, 1000 + pid a process. */
    private static final class RecordingKernel32 implements WindowsJob.Kernel32 {
        final List<String> calls = new ArrayList<>();
        String failing = "";
        MemorySegment limits;

        @Override
        public MemorySegment createJobObject() throws IOException {
            record("CreateJobObjectW");
            return MemorySegment.ofAddress(1);
        }

        @Override
        public void setInformationJobObject(MemorySegment job, int infoClass, MemorySegment info) throws IOException {
            limits = MemorySegment.ofArray(info.toArray(ValueLayout.JAVA_BYTE));
            record("SetInformationJobObject(" + name(job) + ", " + infoClass + ", " + info.byteSize() + " bytes)");
        }

        @Override
        public MemorySegment openProcess(int access, int pid) throws IOException {
            record("OpenProcess(0x" + Integer.toHexString(access) + ", " + pid + ")");
            return MemorySegment.ofAddress(1000 + pid);
        }

        @Override
        public void assignProcessToJobObject(MemorySegment job, MemorySegment process) throws IOException {
            record("AssignProcessToJobObject(" + name(job) + ", " + name(process) + ")");
        }

        @Override
        public void closeHandle(MemorySegment handle) {
            calls.add("CloseHandle(" + name(handle) + ")");
        }

        private void record(String call) throws IOException {
            calls.add(call);
            if (call.startsWith(failing) && !failing.isEmpty()) {
                throw new IOException(failing + " failed with error 5");
            }
        }

        private static String name(MemorySegment handle) {
            return handle.address() == 1 ? "job" : "process " + (handle.address() - 1000);
        }
    }
}
