/*
 * Minimal Cortex-M7 startup for the imxflash blinky example (i.MX RT1052).
 *
 * Written for this project; no vendor startup code is used. It provides:
 *   - the vector table, in its own section ".isr_vector" so that every linker
 *     script can place it first in the image (word 0 = initial SP, word 1 =
 *     Reset_Handler with the Thumb bit set, then the Cortex-M system handlers);
 *   - Reset_Handler: loads SP, points VTOR at our table, copies .data from its
 *     load address (LMA) to RAM, zeroes .bss and calls main().
 *
 * The symbols below are defined by each linker script in ../linker/.
 */
#include <stdint.h>

/* Linker-script symbols (addresses only; never read their "values"). */
extern uint32_t __stack_top[];  /* initial main stack pointer (end of RAM) */
extern uint32_t __data_load[];  /* LMA of .data (flash for XIP, = VMA for RAM apps) */
extern uint32_t __data_start[]; /* VMA of .data */
extern uint32_t __data_end[];
extern uint32_t __bss_start[];
extern uint32_t __bss_end[];

extern int main(void);

void Reset_Handler(void);
void startup_c(void);
void Default_Handler(void);

/* Every exception we do not care about parks the core here (a debugger that
 * halts it will show the PC in Default_Handler). */
void Default_Handler(void)
{
    for (;;) {
    }
}

void NMI_Handler(void) __attribute__((weak, alias("Default_Handler")));
void HardFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void MemManage_Handler(void) __attribute__((weak, alias("Default_Handler")));
void BusFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void UsageFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SVC_Handler(void) __attribute__((weak, alias("Default_Handler")));
void DebugMon_Handler(void) __attribute__((weak, alias("Default_Handler")));
void PendSV_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SysTick_Handler(void) __attribute__((weak, alias("Default_Handler")));

typedef void (*vector_t)(void);

/* The 16 architectural Cortex-M entries. The example uses no peripheral
 * interrupts, so the table stops there (64 bytes). `used` + KEEP() in the
 * linker scripts protect it from --gc-sections. */
__attribute__((section(".isr_vector"), used))
const vector_t __isr_vector[16] = {
    (vector_t)(uintptr_t)__stack_top, /*  0: initial MSP                 */
    Reset_Handler,                    /*  1: reset (Thumb address, odd)  */
    NMI_Handler,                      /*  2 */
    HardFault_Handler,                /*  3 */
    MemManage_Handler,                /*  4 */
    BusFault_Handler,                 /*  5 */
    UsageFault_Handler,               /*  6 */
    0, 0, 0, 0,                       /*  7-10: reserved */
    SVC_Handler,                      /* 11 */
    DebugMon_Handler,                 /* 12 */
    0,                                /* 13: reserved */
    PendSV_Handler,                   /* 14 */
    SysTick_Handler,                  /* 15 */
};

/*
 * Reset_Handler is naked and sets SP itself before any C code runs: the boot
 * ROM may enter through IVT.entry = Reset_Handler (with its own SP still
 * live, somewhere in the ROM's RAM) rather than through the vector table.
 */
__attribute__((naked, noreturn)) void Reset_Handler(void)
{
    __asm volatile(
        "movw r0, #:lower16:__stack_top \n"
        "movt r0, #:upper16:__stack_top \n"
        "msr  msp, r0                   \n"
        "b    startup_c                 \n");
}

/* SCB->VTOR, architectural Cortex-M7 address (ARMv7-M ARM, B3.2.2). */
#define SCB_VTOR (*(volatile uint32_t *)0xE000ED08u)

__attribute__((noreturn, used)) void startup_c(void)
{
    SCB_VTOR = (uint32_t)(uintptr_t)__isr_vector;

    /* .data: copy from LMA to VMA. For the RAM-linked variants LMA == VMA and
     * the loop is skipped. The linker scripts keep both ends 4-byte aligned.
     * (Built with -fno-tree-loop-distribute-patterns so GCC does not turn
     * these loops into memcpy/memset calls; there is no libc.) */
    uint32_t *src = __data_load;
    uint32_t *dst = __data_start;
    if (src != dst) {
        while (dst < __data_end) {
            *dst++ = *src++;
        }
    }

    /* .bss: zero. The ROM only copies the loadable image, so this is needed
     * in every variant. */
    for (dst = __bss_start; dst < __bss_end; ) {
        *dst++ = 0u;
    }

    (void)main();
    for (;;) {
    }
}
